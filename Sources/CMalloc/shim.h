#ifndef QUIMBI_CMALLOC_SHIM_H
#define QUIMBI_CMALLOC_SHIM_H
/* glibc's allocator controls (mallopt, malloc_trim), which Swift's Glibc module does not export. */
#include <malloc.h>
#endif
