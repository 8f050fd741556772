# fuzz/common/fuzz.cmake: how a target under fuzz/ is finished. With ZC_FUZZ (clang, `make fuzz`)
# it becomes a libFuzzer binary with ASan and UBSan. Otherwise (ZC_FUZZ_REPLAY, on in the normal
# build) the same harness is linked with replay_main.c and ctest runs it over its seed corpus
# (test fuzz_replay_NAME), so `make test` catches a harness that no longer builds or a seed that
# now fails.
set(ZC_FUZZ_COMMON_DIR ${CMAKE_CURRENT_LIST_DIR})

function(zc_fuzz_target target)
  if(ZC_FUZZ)
    target_compile_options(${target} PRIVATE -g -O1 -fsanitize=fuzzer,address,undefined
                           -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
  else()
    target_sources(${target} PRIVATE ${ZC_FUZZ_COMMON_DIR}/replay_main.c)
    string(REGEX REPLACE "^fuzz_" "" name ${target})
    add_test(NAME fuzz_replay_${name} COMMAND ${target} ${CMAKE_CURRENT_SOURCE_DIR}/corpus)
  endif()
endfunction()
