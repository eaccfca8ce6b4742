# Write OUT, a C file holding each of FILES as a byte array named
# tally_web_<name>_<ext> with a length tally_web_<name>_<ext>_len.
file(WRITE ${OUT} "/* Generated from web/ by scripts/embed.cmake: do not edit. */\n#include <stddef.h>\n")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME)
  string(REGEX REPLACE "[^A-Za-z0-9]" "_" sym ${name})
  file(READ ${f} hex HEX)
  string(LENGTH "${hex}" n)
  math(EXPR bytes "${n} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," arr "${hex}")
  file(APPEND ${OUT} "extern const unsigned char tally_web_${sym}[];\nextern const size_t tally_web_${sym}_len;\n")
  file(APPEND ${OUT} "const unsigned char tally_web_${sym}[] = {${arr}};\nconst size_t tally_web_${sym}_len = ${bytes};\n")
endforeach()
