# Toolchain file for cross-compiling with clang + lld for one mcuq target:
#   cmake -S runtime -B build-rt -DCMAKE_TOOLCHAIN_FILE=runtime/cmake/clang-baremetal.cmake \
#         -DMCUQ_TARGET=cortex-m4
# MCUQ_TARGET: an embedded target of mcuq's target table (`mcuq-compile
# --list-targets`); its triple and flags (CPU, float ABI, -march) come from
# `mcuq-compile --list-targets --json`, so C code compiled here links with
# mcuq's objects. MCUQ_COMPILE names the mcuq-compile to ask (default: the one
# installed beside this file, else the build tree's, else on the PATH).
# Or set MCUQ_TARGET_TRIPLE and MCUQ_TARGET_FLAGS yourself.
# MCUQ_LLVM_BIN: folder of clang/ld.lld/llvm-ar (default /usr/lib/llvm-22/bin).
set(CMAKE_SYSTEM_NAME Generic)
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES
  MCUQ_TARGET MCUQ_TARGET_TRIPLE MCUQ_TARGET_FLAGS MCUQ_LLVM_BIN MCUQ_COMPILE)

if(NOT MCUQ_LLVM_BIN)
  set(MCUQ_LLVM_BIN /usr/lib/llvm-22/bin)
endif()
if(NOT MCUQ_TARGET)
  set(MCUQ_TARGET cortex-m4)
endif()

if(NOT MCUQ_TARGET_TRIPLE)
  if(NOT MCUQ_COMPILE)
    foreach(candidate
        "${CMAKE_CURRENT_LIST_DIR}/../../../bin/mcuq-compile"
        "$ENV{MCUQ_BUILD_DIR}/bin/mcuq-compile"
        "${CMAKE_CURRENT_LIST_DIR}/../../build/bin/mcuq-compile")
      if(EXISTS "${candidate}" AND NOT IS_DIRECTORY "${candidate}")
        set(MCUQ_COMPILE "${candidate}")
        break()
      endif()
    endforeach()
  endif()
  if(NOT MCUQ_COMPILE)
    find_program(MCUQ_COMPILE mcuq-compile)
  endif()
  if(NOT MCUQ_COMPILE)
    message(FATAL_ERROR "clang-baremetal.cmake: no mcuq-compile to read the target table "
      "from; set MCUQ_COMPILE, or MCUQ_TARGET_TRIPLE and MCUQ_TARGET_FLAGS")
  endif()
  execute_process(COMMAND "${MCUQ_COMPILE}" --list-targets --json
    OUTPUT_VARIABLE table RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "clang-baremetal.cmake: ${MCUQ_COMPILE} --list-targets failed")
  endif()
  string(JSON count LENGTH "${table}" targets)
  math(EXPR last "${count} - 1")
  set(known)
  foreach(i RANGE ${last})
    string(JSON name GET "${table}" targets ${i} name)
    string(JSON c_triple GET "${table}" targets ${i} c_triple)
    if(c_triple STREQUAL "")
      continue()
    endif()
    list(APPEND known ${name})
    if(name STREQUAL MCUQ_TARGET)
      set(MCUQ_TARGET_TRIPLE ${c_triple})
      string(JSON nflags LENGTH "${table}" targets ${i} c_flags)
      set(MCUQ_TARGET_FLAGS)
      math(EXPR lastflag "${nflags} - 1")
      foreach(j RANGE ${lastflag})
        string(JSON flag GET "${table}" targets ${i} c_flags ${j})
        string(APPEND MCUQ_TARGET_FLAGS " ${flag}")
      endforeach()
      string(STRIP "${MCUQ_TARGET_FLAGS}" MCUQ_TARGET_FLAGS)
    endif()
  endforeach()
  if(NOT MCUQ_TARGET_TRIPLE)
    string(REPLACE ";" ", " known "${known}")
    message(FATAL_ERROR "clang-baremetal.cmake: unknown MCUQ_TARGET '${MCUQ_TARGET}'; "
      "known: ${known}")
  endif()
endif()

if(MCUQ_TARGET_TRIPLE MATCHES "^riscv")
  set(CMAKE_SYSTEM_PROCESSOR riscv32)
else()
  set(CMAKE_SYSTEM_PROCESSOR arm)
endif()

set(CMAKE_C_COMPILER ${MCUQ_LLVM_BIN}/clang)
set(CMAKE_ASM_COMPILER ${MCUQ_LLVM_BIN}/clang)
set(CMAKE_C_COMPILER_TARGET ${MCUQ_TARGET_TRIPLE})
set(CMAKE_ASM_COMPILER_TARGET ${MCUQ_TARGET_TRIPLE})
set(CMAKE_AR ${MCUQ_LLVM_BIN}/llvm-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${MCUQ_LLVM_BIN}/llvm-ranlib CACHE FILEPATH "")
set(CMAKE_C_FLAGS_INIT "${MCUQ_TARGET_FLAGS} -ffreestanding")
set(CMAKE_ASM_FLAGS_INIT "${MCUQ_TARGET_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld -nostdlib -Wl,--gc-sections")
# No C library or start files to link a test program against.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
