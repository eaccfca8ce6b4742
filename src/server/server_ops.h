/*
** The server's functions (include/tally/server.h) as the module
** tally-server.so gives them: one table, found by name with dlsym by
** cli/server_module.c. Internal to server/ and that door.
*/
#ifndef TALLY_SERVER_OPS_H
#define TALLY_SERVER_OPS_H

#include "tally/server.h"

#define TALLY_SERVER_OPS "tally_server_ops_table"

typedef struct tally_server_ops {
    tally_status (*start)(const tally_server_options *opt, tally_server **out, tally_error *err);
    uint16_t (*port)(const tally_server *s);
    void (*stop)(tally_server *s);
} tally_server_ops;

extern const tally_server_ops tally_server_ops_table;

#endif
