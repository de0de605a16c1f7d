/*
 * A small libstrophe client for the integration tests (built by test_login_libstrophe.py).
 *
 *   strophe_client HOST PORT JID PASSWORD TO BODY DIRECT_TLS(0|1)
 *
 * Logs in (trusting the self-signed certificate, TLS mandatory), prints "BOUND <jid>",
 * sends one chat message to TO, then an XEP-0199 ping to the server, and on the pong
 * prints "PONG" and disconnects. Exit code 0 on success, 1 on any failure, 2 on usage;
 * gives up after 30 s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <strophe.h>

static int g_bound = 0;
static int g_pong = 0;
static int g_done = 0;
static const char* g_to;
static const char* g_body;

static int pong_handler(xmpp_conn_t* conn, xmpp_stanza_t* stanza, void* userdata) {
  (void)userdata;
  const char* type = xmpp_stanza_get_type(stanza);
  if (type && strcmp(type, "result") == 0) {
    g_pong = 1;
    printf("PONG\n");
  } else {
    printf("PING-ERROR %s\n", type ? type : "(none)");
  }
  fflush(stdout);
  xmpp_disconnect(conn);
  return 0;
}

static void conn_handler(xmpp_conn_t* conn, xmpp_conn_event_t status, int error,
                         xmpp_stream_error_t* stream_error, void* userdata) {
  xmpp_ctx_t* ctx = (xmpp_ctx_t*)userdata;
  (void)stream_error;
  if (status == XMPP_CONN_CONNECT) {
    g_bound = 1;
    printf("BOUND %s\n", xmpp_conn_get_bound_jid(conn));
    printf("SECURED %d\n", xmpp_conn_is_secured(conn));
    fflush(stdout);

    xmpp_stanza_t* msg = xmpp_message_new(ctx, "chat", g_to, "strophe-msg-1");
    xmpp_message_set_body(msg, g_body);
    xmpp_send(conn, msg);
    xmpp_stanza_release(msg);

    xmpp_stanza_t* iq = xmpp_iq_new(ctx, "get", "strophe-ping-1");
    /* the server domain: the part of TO after '@' up to '/' */
    char domain[256];
    const char* at = strchr(g_to, '@');
    snprintf(domain, sizeof domain, "%s", at ? at + 1 : g_to);
    char* slash = strchr(domain, '/');
    if (slash) *slash = '\0';
    xmpp_stanza_set_to(iq, domain);
    xmpp_stanza_t* ping = xmpp_stanza_new(ctx);
    xmpp_stanza_set_name(ping, "ping");
    xmpp_stanza_set_ns(ping, "urn:xmpp:ping");
    xmpp_stanza_add_child(iq, ping);
    xmpp_stanza_release(ping);
    xmpp_id_handler_add(conn, pong_handler, "strophe-ping-1", ctx);
    xmpp_send(conn, iq);
    xmpp_stanza_release(iq);
  } else {
    printf("DISCONNECTED status=%d error=%d\n", (int)status, error);
    fflush(stdout);
    g_done = 1;
  }
}

int main(int argc, char** argv) {
  if (argc != 8) {
    fprintf(stderr, "usage: %s HOST PORT JID PASSWORD TO BODY DIRECT_TLS\n", argv[0]);
    return 2;
  }
  const char* host = argv[1];
  unsigned short port = (unsigned short)atoi(argv[2]);
  g_to = argv[5];
  g_body = argv[6];
  int direct_tls = atoi(argv[7]);

  xmpp_initialize();
  xmpp_log_t* log = getenv("STROPHE_DEBUG") ? xmpp_get_default_logger(XMPP_LEVEL_DEBUG) : NULL;
  xmpp_ctx_t* ctx = xmpp_ctx_new(NULL, log);
  xmpp_conn_t* conn = xmpp_conn_new(ctx);
  long flags = XMPP_CONN_FLAG_TRUST_TLS | XMPP_CONN_FLAG_MANDATORY_TLS;
  if (direct_tls) flags = XMPP_CONN_FLAG_TRUST_TLS | XMPP_CONN_FLAG_LEGACY_SSL;
  xmpp_conn_set_flags(conn, flags);
  xmpp_conn_set_jid(conn, argv[3]);
  xmpp_conn_set_pass(conn, argv[4]);

  if (xmpp_connect_client(conn, host, port, conn_handler, ctx) != XMPP_EOK) {
    fprintf(stderr, "xmpp_connect_client failed\n");
    return 1;
  }
  time_t deadline = time(NULL) + 30;
  while (!g_done && time(NULL) < deadline) xmpp_run_once(ctx, 100);
  if (!g_done) printf("TIMEOUT\n");

  xmpp_conn_release(conn);
  xmpp_ctx_free(ctx);
  xmpp_shutdown();
  return (g_bound && g_pong) ? 0 : 1;
}
