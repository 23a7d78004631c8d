// Assesses a Presentation read from a JSON file through the C++ wrapper and prints the JSON.
// Usage: assess_file PRESENTATION.json
#include <fstream>
#include <iostream>
#include <sstream>

#include "stenosis.hpp"

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " PRESENTATION.json\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 2;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  try {
    std::cout << stenosis::assess_json(buf.str()) << "\n";
  } catch (const stenosis::Error &e) {
    std::cerr << "stenosis: status " << e.status() << ": " << e.what();
    if (e.field()) std::cerr << " [field: " << *e.field() << "]";
    std::cerr << "\n";
    return 1;
  }
  return 0;
}
