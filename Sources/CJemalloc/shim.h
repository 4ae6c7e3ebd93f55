#ifndef QUIMBI_CJEMALLOC_SHIM_H
#define QUIMBI_CJEMALLOC_SHIM_H
/* jemalloc, quimbi's allocator: linking it replaces glibc's malloc in the whole process; mallctl controls it. */
#include <jemalloc/jemalloc.h>
#endif
