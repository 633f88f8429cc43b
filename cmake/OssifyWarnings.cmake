# Warnings and sanitizers for ossify's own targets (tests, examples, benchmarks). They are
# never put on the ossify library target, so consumers keep their own flags.
add_library(ossify_dev_flags INTERFACE)
target_compile_options(ossify_dev_flags INTERFACE
  -Wall -Wextra -Wpedantic -Werror -Wshadow)
if(OSSIFY_SANITIZE)
  # g++ 12 reports false -Wmaybe-uninitialized inside libstdc++ (std::regex, std::function)
  # when AddressSanitizer instruments the code; the Release build keeps that warning on.
  target_compile_options(ossify_dev_flags INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
    -Wno-maybe-uninitialized)
  target_link_options(ossify_dev_flags INTERFACE -fsanitize=address,undefined)
endif()

# ossify_add_program(<name> <sources...>): an executable built with the dev flags.
function(ossify_add_program name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE ossify::ossify ossify_dev_flags)
endfunction()
