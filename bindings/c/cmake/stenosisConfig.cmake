# CMake package for libstenosis: find_package(stenosis) defines
#   stenosis::stenosis         the shared library (libstenosis.so)
#   stenosis::stenosis_static  the static library (libstenosis.a, with its system libraries)
# Installed as <prefix>/lib/cmake/stenosis/stenosisConfig.cmake by bindings/c/install.sh.
get_filename_component(_stenosis_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT TARGET stenosis::stenosis)
  add_library(stenosis::stenosis SHARED IMPORTED)
  set_target_properties(stenosis::stenosis PROPERTIES
    IMPORTED_LOCATION "${_stenosis_prefix}/lib/libstenosis.so"
    IMPORTED_SONAME "libstenosis.so"
    INTERFACE_INCLUDE_DIRECTORIES "${_stenosis_prefix}/include")
endif()

if(NOT TARGET stenosis::stenosis_static)
  find_package(Threads REQUIRED)
  add_library(stenosis::stenosis_static STATIC IMPORTED)
  set_target_properties(stenosis::stenosis_static PROPERTIES
    IMPORTED_LOCATION "${_stenosis_prefix}/lib/libstenosis.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_stenosis_prefix}/include"
    # What a Rust staticlib needs from the system (rustc --print native-static-libs).
    INTERFACE_LINK_LIBRARIES "Threads::Threads;gcc_s;util;rt;m;dl;c")
endif()

set(stenosis_INCLUDE_DIRS "${_stenosis_prefix}/include")
set(stenosis_FOUND TRUE)
unset(_stenosis_prefix)
