/*
** The optional parts of tally that bring libraries few commands need
** (cairo and pango for PDF, libzip and libxml2 for ES&S workbooks), built
** as modules and loaded on first use, so that every other command starts
** without loading them. Internal to the edges (io/, report/).
**
** A module "tally-NAME.so" is looked for in the folder TALLY_MODULE_DIR
** names, else beside the running executable (/proc/self/exe), else in the
** build folder tally was built in (for the tests, which run from a folder
** of their own; the dynamic loader's run path is no help there, as
** ASan's interception of dlopen hides the caller), else by the dynamic
** loader's own search. A module calls back into libtally for its
** allocator and errors, so executables export their symbols (CMake's
** ENABLE_EXPORTS).
*/
#ifndef TALLY_IO_MODULE_H
#define TALLY_IO_MODULE_H

/* The address of symbol in module file ("tally-pdf.so"), loading the
** module once per process; NULL when it cannot be found or loaded (the
** loader's message in *why when why is not NULL, a static buffer). Safe
** from several threads. */
void *tally_module_symbol(const char *file, const char *symbol, const char **why);

#endif
