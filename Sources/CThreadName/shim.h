#ifndef QUIMBI_CTHREADNAME_SHIM_H
#define QUIMBI_CTHREADNAME_SHIM_H
/* pthread_setname_np is a GNU extension that Swift's Glibc module does not export; declared here (glibc >= 2.12). */
#include <pthread.h>
extern int pthread_setname_np(pthread_t thread, const char *name);

/* Names the calling thread; `name` must be at most 15 bytes. Returns 0 or an errno value. */
static inline int quimbi_name_current_thread(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}
#endif
