#include "file_exchange.h"

#include <errno.h>

#if defined(__linux__)
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
#elif defined(__APPLE__)
#include <fcntl.h>
#include <stdio.h>
#endif

int cm_exchange_files_at(int from_folder, const char *from, int to_folder, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, from_folder, from, to_folder, to, RENAME_EXCHANGE);
#elif defined(__APPLE__)
    return renameatx_np(from_folder, from, to_folder, to, RENAME_SWAP);
#else
    (void)from_folder;
    (void)from;
    (void)to_folder;
    (void)to;
    errno = ENOSYS;
    return -1;
#endif
}

int cm_exchange_files(const char *from, const char *to) {
    return cm_exchange_files_at(AT_FDCWD, from, AT_FDCWD, to);
}
