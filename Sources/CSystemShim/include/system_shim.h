#ifndef SYLLABUS_SYSTEM_SHIM_H
#define SYLLABUS_SYSTEM_SHIM_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE), so the output folder is
/// always either the previous complete site or the new one. Returns 0, or -1 with errno set
/// (ENOSYS/EINVAL where the kernel or file system cannot exchange).
int syllabus_exchange_paths(const char *a, const char *b);

#endif
