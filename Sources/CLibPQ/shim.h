#ifndef QUIMBI_CLIBPQ_SHIM_H
#define QUIMBI_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
