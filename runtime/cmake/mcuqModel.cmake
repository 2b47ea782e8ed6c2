# mcuq_add_model(<target> <model.tflite>
#                [TARGET <mcuq target>]   # default: MCUQ_TARGET
#                [NAME <name>]            # default: the model file's stem
#                [OPTIONS <mcuq-compile options>...])
#
# Compiles a TFLite model with mcuq-compile at build time (again when the
# model changes) into <binary dir>/mcuq/<name>/{<name>.o,<name>.h,<name>.json}
# and adds to <target>: the object, that folder as an include directory (so
# sources can #include "<name>.h") and the runtime built for the same mcuq
# target (mcuq::runtime-<mcuq target>, else mcuq::runtime). <target> must be
# compiled with the mcuq target's CPU and float ABI (clang-baremetal.cmake
# with -DMCUQ_TARGET=<mcuq target> sets both).
function(mcuq_add_model target model)
  cmake_parse_arguments(ARG "" "TARGET;NAME" "OPTIONS" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "mcuq_add_model: unexpected arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET mcuq::mcuq-compile)
    message(FATAL_ERROR "mcuq_add_model: this mcuq installation has no mcuq-compile")
  endif()
  set(mcuq_target "${ARG_TARGET}")
  if(NOT mcuq_target)
    set(mcuq_target "${MCUQ_TARGET}")
  endif()
  if(NOT mcuq_target)
    message(FATAL_ERROR "mcuq_add_model: give TARGET <mcuq target> (or set MCUQ_TARGET)")
  endif()
  if(MCUQ_TARGET AND NOT MCUQ_TARGET STREQUAL mcuq_target)
    message(WARNING "mcuq_add_model: model compiled for ${mcuq_target}, but this project "
                    "is built for MCUQ_TARGET=${MCUQ_TARGET}")
  endif()
  get_filename_component(model "${model}" ABSOLUTE)
  set(name "${ARG_NAME}")
  if(NOT name)
    get_filename_component(name "${model}" NAME_WE)
  endif()
  # mcuq-compile's spelling of the name: lower case, other characters '_'.
  string(TOLOWER "${name}" name)
  string(MAKE_C_IDENTIFIER "${name}" name)
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/mcuq/${name}")
  add_custom_command(
    OUTPUT ${dir}/${name}.o ${dir}/${name}.h ${dir}/${name}.json
    COMMAND mcuq::mcuq-compile "${model}" --target=${mcuq_target} -o "${dir}"
            --name=${name} --quiet ${ARG_OPTIONS}
    DEPENDS "${model}" mcuq::mcuq-compile
    COMMENT "mcuq: compiling ${name} for ${mcuq_target}"
    VERBATIM)
  set_source_files_properties(${dir}/${name}.o PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
  set_source_files_properties(${dir}/${name}.h ${dir}/${name}.json PROPERTIES GENERATED TRUE)
  target_sources(${target} PRIVATE ${dir}/${name}.o ${dir}/${name}.h)
  target_include_directories(${target} PRIVATE ${dir})
  if(TARGET mcuq::runtime-${mcuq_target})
    target_link_libraries(${target} PRIVATE mcuq::runtime-${mcuq_target})
  else()
    target_link_libraries(${target} PRIVATE mcuq::runtime)
  endif()
endfunction()
