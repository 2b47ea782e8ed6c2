# mcuq_add_runtime_library(<name> SOURCE_DIR <dir> INCLUDE_DIR <dir>)
#
# Defines the static library <name> from the runtime sources, compiled with the
# calling project's toolchain. Shared by runtime/CMakeLists.txt and the
# installed package (mcuqConfig.cmake).
function(mcuq_add_runtime_library name)
  cmake_parse_arguments(ARG "" "SOURCE_DIR;INCLUDE_DIR" "" ${ARGN})
  add_library(${name} STATIC
    ${ARG_SOURCE_DIR}/memory.c
    ${ARG_SOURCE_DIR}/integer.c
    ${ARG_SOURCE_DIR}/float.c)
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${ARG_INCLUDE_DIR}>)
  set_target_properties(${name} PROPERTIES
    C_STANDARD 99
    C_EXTENSIONS ON
    OUTPUT_NAME mcuq_runtime)
  # The copy loops must not be turned back into calls to memcpy/memset, and
  # the helpers are hot: always optimise, one section per function.
  target_compile_options(${name} PRIVATE
    -O2 -ffreestanding -fno-builtin -ffunction-sections -fdata-sections
    $<$<C_COMPILER_ID:GNU>:-fno-tree-loop-distribute-patterns>)
endfunction()
