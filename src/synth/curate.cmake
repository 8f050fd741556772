# zc_curate: `zerocad curate` (curate*.c, header curate.h): descriptors of rows (views and mesh, or
# the Qwen3-VL vision encoder), k-means with OpenBLAS, coverage reports, and the two passes over
# the shards (zc_data). Included by src/synth/CMakeLists.txt; see docs/curate.md.
file(GLOB ZC_CURATE_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/curate*.c)
add_library(zc_curate STATIC ${ZC_CURATE_SOURCES})
target_include_directories(zc_curate PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_include_directories(zc_curate PRIVATE ${ZC_CBLAS_INCLUDE})
pkg_check_modules(ZC_CURATE_DEPS REQUIRED IMPORTED_TARGET jansson)
target_link_libraries(zc_curate PUBLIC zc_render zc_model PkgConfig::ZC_CURATE_DEPS ${ZC_OPENBLAS_LIB} OpenMP::OpenMP_C m)
target_link_libraries(zc_curate PUBLIC zc_data)  # defined later (src/data): resolved at generate time
