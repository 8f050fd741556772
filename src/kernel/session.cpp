// session.cpp: placeholder until the kernel bridge lands (zk_init only).
#include "kernel.h"

extern "C" void zk_init(void) {}
