# Part of the compiler build (runtime/CMakeLists.txt includes this when the
# folder is a subdirectory of the mcuq build): cross-builds the runtime for
# each target in MCUQ_RUNTIME_TARGETS with clang-baremetal.cmake, one
# ExternalProject each, into <build>/runtime/<target>/libmcuq_runtime.a, and
# installs the libraries and mcuq-compile with the package (component mcuq).
include(ExternalProject)

# Every target of the compiler's table (lib/Target/TargetInfo/Targets.def)
# that has a triple, i.e. all but the host.
file(STRINGS ${CMAKE_SOURCE_DIR}/lib/Target/TargetInfo/Targets.def mcuq_target_rows
  REGEX "^MCUQ_TARGET\\(")
set(mcuq_embedded_targets)
foreach(row IN LISTS mcuq_target_rows)
  if(row MATCHES "^MCUQ_TARGET\\(\"([^\"]+)\", \"([^\"]+)\"")
    list(APPEND mcuq_embedded_targets ${CMAKE_MATCH_1})
  endif()
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/lib/Target/TargetInfo/Targets.def)
set(MCUQ_RUNTIME_TARGETS ${mcuq_embedded_targets}
  CACHE STRING "mcuq targets to cross-build the runtime for (empty: none)")
# The cross compiler: the LLVM the compiler is built against.
set(MCUQ_RUNTIME_LLVM_BIN "${LLVM_TOOLS_BINARY_DIR}" CACHE PATH
  "Folder of the clang, ld.lld and llvm-ar that build the runtime")
if(NOT MCUQ_RUNTIME_LLVM_BIN)
  set(MCUQ_RUNTIME_LLVM_BIN /usr/lib/llvm-22/bin)
endif()

set(all_runtimes)
foreach(target IN LISTS MCUQ_RUNTIME_TARGETS)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/${target})
  # BUILD_ALWAYS: the sub-build is a no-op unless a runtime source changed.
  ExternalProject_Add(mcuq-runtime-${target}
    SOURCE_DIR ${CMAKE_CURRENT_SOURCE_DIR}
    BINARY_DIR ${dir}
    PREFIX ${CMAKE_CURRENT_BINARY_DIR}/external/${target}
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${CMAKE_CURRENT_SOURCE_DIR}/cmake/clang-baremetal.cmake
      -DMCUQ_TARGET=${target}
      -DMCUQ_LLVM_BIN=${MCUQ_RUNTIME_LLVM_BIN}
      -DMCUQ_COMPILE=$<TARGET_FILE:mcuq-compile>
      -DCMAKE_BUILD_TYPE=Release
    # The toolchain file reads the target's flags from mcuq-compile.
    DEPENDS mcuq-compile
    BUILD_ALWAYS TRUE
    INSTALL_COMMAND ""
    BUILD_BYPRODUCTS ${dir}/libmcuq_runtime.a)
  list(APPEND all_runtimes mcuq-runtime-${target})
  install(FILES ${dir}/libmcuq_runtime.a
    DESTINATION ${MCUQ_INSTALL_LIBDIR}/${target}
    COMPONENT mcuq)
endforeach()
add_custom_target(mcuq-runtimes ALL DEPENDS ${all_runtimes})

if(TARGET mcuq-compile)
  # Installed next to the package. It links Debian's libMLIR/libLLVM in the
  # LLVM folder, which is not on the loader's default path.
  set_property(TARGET mcuq-compile APPEND PROPERTY INSTALL_RPATH "${LLVM_LIBRARY_DIR}")
  install(TARGETS mcuq-compile RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT mcuq)
endif()

# The package test (test/Integration/cortex-m/cmake-package.test) installs
# these libraries.
if(TARGET check-mcuq)
  add_dependencies(check-mcuq mcuq-runtimes)
endif()
