#ifndef CASEMARK_FILE_EXCHANGE_H
#define CASEMARK_FILE_EXCHANGE_H

/// Swaps the names of two existing files in one atomic step (Linux `renameat2` with
/// `RENAME_EXCHANGE`, macOS `renamex_np` with `RENAME_SWAP`): afterwards `to` names what `from`
/// named and the other way round, and no moment exists when `to` names neither. Returns 0, or -1
/// with `errno` set: `ENOENT` when either file is missing, `EINVAL`, `ENOSYS` or `ENOTSUP` when the
/// kernel or the file system cannot swap (network and some user-space file systems).
///
/// Swift's Glibc module does not import `renameat2`, hence this C function.
int cm_exchange_files(const char *from, const char *to);

/// As `cm_exchange_files`, with each name relative to an open folder (`renameat2`'s `olddirfd`
/// and `newdirfd`; macOS `renameatx_np`), so neither name is reached through a link.
int cm_exchange_files_at(int from_folder, const char *from, int to_folder, const char *to);

#endif
