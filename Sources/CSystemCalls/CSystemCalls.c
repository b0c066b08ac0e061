#define _GNU_SOURCE
#include "CSystemCalls.h"

#if defined(__linux__)
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int pgha_syncfs(int descriptor) {
    return syncfs(descriptor);
}

int pgha_exchange(const char *first, const char *second) {
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
}
#endif
