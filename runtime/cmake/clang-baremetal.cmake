# Toolchain file for cross-compiling with clang + lld for one mcuq target:
#   cmake -S runtime -B build-rt -DCMAKE_TOOLCHAIN_FILE=runtime/cmake/clang-baremetal.cmake \
#         -DMCUQ_TARGET=cortex-m4
# MCUQ_TARGET: cortex-m0plus, cortex-m4, cortex-m4-soft, cortex-m7, cortex-m7-soft,
# cortex-m33, cortex-m55, rv32imc, rv32imac (the names of python/mcuq/qemu.py).
# Or set MCUQ_TARGET_TRIPLE and MCUQ_TARGET_FLAGS yourself.
# MCUQ_LLVM_BIN: folder of clang/ld.lld/llvm-ar (default /usr/lib/llvm-22/bin).
set(CMAKE_SYSTEM_NAME Generic)
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES
  MCUQ_TARGET MCUQ_TARGET_TRIPLE MCUQ_TARGET_FLAGS MCUQ_LLVM_BIN)

if(NOT MCUQ_LLVM_BIN)
  set(MCUQ_LLVM_BIN /usr/lib/llvm-22/bin)
endif()
if(NOT MCUQ_TARGET)
  set(MCUQ_TARGET cortex-m4)
endif()

if(NOT MCUQ_TARGET_TRIPLE)
  if(MCUQ_TARGET STREQUAL "cortex-m0plus")
    set(MCUQ_TARGET_TRIPLE thumbv6m-none-eabi)
    set(MCUQ_TARGET_FLAGS "-mcpu=cortex-m0plus -mfloat-abi=soft")
  elseif(MCUQ_TARGET MATCHES "^cortex-m(4|7)(-soft)?$")
    set(MCUQ_TARGET_TRIPLE thumbv7em-none-eabi)
    if(CMAKE_MATCH_2)
      set(MCUQ_TARGET_FLAGS "-mcpu=cortex-m${CMAKE_MATCH_1} -mfloat-abi=soft")
    else()
      set(MCUQ_TARGET_FLAGS "-mcpu=cortex-m${CMAKE_MATCH_1} -mfloat-abi=hard")
    endif()
  elseif(MCUQ_TARGET STREQUAL "cortex-m33")
    set(MCUQ_TARGET_TRIPLE thumbv8m.main-none-eabi)
    set(MCUQ_TARGET_FLAGS "-mcpu=cortex-m33 -mfloat-abi=soft")
  elseif(MCUQ_TARGET STREQUAL "cortex-m55")
    set(MCUQ_TARGET_TRIPLE thumbv8.1m.main-none-eabi)
    set(MCUQ_TARGET_FLAGS "-mcpu=cortex-m55 -mfloat-abi=hard")
  elseif(MCUQ_TARGET MATCHES "^rv32")
    set(MCUQ_TARGET_TRIPLE riscv32-unknown-elf)
    set(MCUQ_TARGET_FLAGS "-march=${MCUQ_TARGET} -mabi=ilp32")
  else()
    message(FATAL_ERROR "clang-baremetal.cmake: unknown MCUQ_TARGET '${MCUQ_TARGET}'")
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
