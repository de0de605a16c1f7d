// A shared object without djabberd's entry symbol: djabberd must refuse it.
extern "C" __attribute__((visibility("default"))) int not_a_djabberd_plugin() {
  return 42;
}
