// Reads a whole file through one reused buffer, calling `consume(data, n)` per read; the file is
// never held in memory. Returns "" or the reason it could not be read (strerror).
#pragma once
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace mi::binding {

template <class Consume>
std::string read_chunks(const std::string& path, size_t chunk, Consume&& consume) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!f) return std::strerror(errno);
  std::vector<uint8_t> buf(chunk);  // one buffer, reused for every read
  for (;;) {
    const size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (n > 0) consume(buf.data(), n);
    if (n < buf.size()) return std::ferror(f.get()) ? std::strerror(errno) : std::string();
  }
}

}  // namespace mi::binding
