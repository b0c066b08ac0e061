// Linux system calls that glibc declares only for _GNU_SOURCE, which Swift's Glibc module does not define; the output
// writer calls them through these functions (looking them up with dlsym finds nothing in a static executable).
#ifndef PGHA_SYSTEM_CALLS_H
#define PGHA_SYSTEM_CALLS_H

#if defined(__linux__)
/// syncfs(2): flushes the file system that holds the open file `descriptor`; 0, or -1 with errno set.
int pgha_syncfs(int descriptor);

/// renameat2(2) with RENAME_EXCHANGE: atomically exchanges two paths (relative to the current directory when not
/// absolute); 0, or -1 with errno set (EINVAL where the file system cannot exchange, ENOSYS before Linux 3.15).
int pgha_exchange(const char *first, const char *second);
#endif

#endif
