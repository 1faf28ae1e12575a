#ifndef CASEMARK_PSEUDO_TERMINAL_H
#define CASEMARK_PSEUDO_TERMINAL_H

/// Opens a pseudo-terminal pair of `rows` x `columns` for the benchmark: returns the controller's
/// descriptor and writes the device path of the other side into `path` (of `size` bytes), or -1.
int cm_open_pseudo_terminal(int rows, int columns, char *path, unsigned long size);

/// Starts `argv[0]` (a path) with `envp` in a new session whose controlling terminal is the
/// pseudo-terminal at `path` (stdin, stdout and stderr). Returns the process id, or -1.
int cm_spawn_on_terminal(const char *path, char *const argv[], char *const envp[]);

#endif
