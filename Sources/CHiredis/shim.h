#ifndef QUIMBI_CHIREDIS_SHIM_H
#define QUIMBI_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#endif
