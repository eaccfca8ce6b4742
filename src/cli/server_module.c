/*
** The server's door in the tally command (include/tally/server.h): each
** call goes to the module tally-server.so (src/server), loaded by the first
** tally_server_start (io/module.h). Why a module: libmicrohttpd brings
** GnuTLS and seven libraries more, whose loading and start-up took about
** 5 ms of every command's 11 (docs/benchmarks.md); only `tally serve` and
** `tally central serve` need them.
*/
#include <stddef.h>

#include "io/module.h"
#include "server/server_ops.h"

static const tally_server_ops *ops(void)
{
    return tally_module_symbol("tally-server.so", TALLY_SERVER_OPS, NULL);
}

tally_status tally_server_start(const tally_server_options *opt, tally_server **out,
                                tally_error *err)
{
    const char *why = NULL;
    const tally_server_ops *o = tally_module_symbol("tally-server.so", TALLY_SERVER_OPS, &why);

    *out = NULL;
    if (!o)
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0,
                               "serving needs the module tally-server.so beside the tally "
                               "executable (or in the folder TALLY_MODULE_DIR names): %s",
                               why);
    return o->start(opt, out, err);
}

uint16_t tally_server_port(const tally_server *s)
{
    return ops()->port(s);
}

void tally_server_stop(tally_server *s)
{
    if (s)
        ops()->stop(s);
}
