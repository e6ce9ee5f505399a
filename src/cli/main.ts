/** mirror-inspect command line. */
import { parseArgs } from 'node:util';
import { validateFile } from '../inspect/file.js';
import { exitCodeOf, type ValidationReport } from '../inspect/report.js';
import { writeFile } from 'node:fs/promises';
import { formatHtml } from './html.js';
import { formatHuman } from './human.js';

const USAGE = `usage: mirror-inspect validate [--json] [--html OUT.html] [--all] [--codec h264|hevc|auto] FILE...

  validate   inspect recorded H.264/HEVC (Annex B, MPEG-TS, MP4) without decoding;
             report what is broken, where (frame, byte offset) and why (spec clause)
  --json     one JSON document per file (an array for several files)
  --html     also write a self-contained HTML report (summary, frame timeline, damage, issues)
  --all      list every issue (the human report shows 10 per kind)
  --codec    skip codec detection

exit code: 0 clean, 1 only low/info issues, 2 medium or worse, 3 unreadable input or usage error`;

export async function main(
  argv: string[],
  write: (s: string) => void = (s) => {
    process.stdout.write(s);
  },
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    write(USAGE + '\n');
    return 0;
  }
  if (command !== 'validate') {
    process.stderr.write(`${command ? `unknown command '${command}'\n` : ''}${USAGE}\n`);
    return 3;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        html: { type: 'string' },
        codec: { type: 'string', default: 'auto' },
      },
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 3;
  }
  const { values, positionals } = parsed;
  const codec = values.codec;
  if (codec !== 'auto' && codec !== 'h264' && codec !== 'hevc') {
    process.stderr.write(`--codec must be h264, hevc or auto\n`);
    return 3;
  }
  if (positionals.length === 0) {
    process.stderr.write(`validate needs at least one FILE\n${USAGE}\n`);
    return 3;
  }
  const reports: ValidationReport[] = [];
  for (const file of positionals) reports.push(await validateFile(file, { codec }));
  if (values.html) await writeFile(values.html, formatHtml(reports));
  if (values.json) {
    write(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n');
  } else {
    write(reports.map((r) => formatHuman(r, values.all)).join('\n\n') + '\n');
  }
  return Math.max(...reports.map((r) => exitCodeOf(r.verdict)));
}
