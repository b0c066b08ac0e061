#define _GNU_SOURCE
#include "CSystemCalls.h"

#if defined(__linux__)
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

// glibc declares renameat2 and RENAME_EXCHANGE only from 2.28 on; the system call itself is in Linux 3.15.
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int pgha_syncfs(int descriptor) {
    return syncfs(descriptor);
}

int pgha_exchange(const char *first, const char *second) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
}
#endif
