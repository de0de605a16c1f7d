// inspect_certificate: PEM files -> subject, DNS names, expiry and the checks djabberd relies on.
#include "tools/djabberctl/cert_info.hpp"

#include <cstdio>
#include <ctime>
#include <memory>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace djabberd::ctl {

namespace {

struct file_closer {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
struct x509_free {
  void operator()(X509* x) const { X509_free(x); }
};
struct pkey_free {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using file_ptr = std::unique_ptr<std::FILE, file_closer>;

std::string openssl_error() {
  char buf[256];
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no PEM data found";
  ERR_error_string_n(code, buf, sizeof(buf));
  return buf;
}

std::string name_text(const X509_NAME* name) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio{BIO_new(BIO_s_mem()), &BIO_free};
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::vector<std::string> dns_names(X509* cert) {
  std::vector<std::string> out;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* n = sk_GENERAL_NAME_value(names, i);
    if (n->type != GEN_DNS) continue;
    const auto* s = n->d.dNSName;
    out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
  }
  GENERAL_NAMES_free(names);
  return out;
}

std::string iso_time(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return "?";
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void read_certificate(cert_info& info) {
  file_ptr f{std::fopen(info.cert_file.c_str(), "r")};
  if (!f) {
    info.load_error = info.cert_file.string() + ": cannot read the certificate";
    info.problems.push_back(info.load_error);
    return;
  }
  std::unique_ptr<X509, x509_free> cert{PEM_read_X509(f.get(), nullptr, nullptr, nullptr)};
  if (!cert) {
    info.load_error = info.cert_file.string() + ": not a PEM certificate: " + openssl_error();
    info.problems.push_back(info.load_error);
    return;
  }
  info.loaded = true;
  info.subject = name_text(X509_get_subject_name(cert.get()));
  info.dns_names = dns_names(cert.get());
  info.not_after = iso_time(X509_get0_notAfter(cert.get()));
  int days = 0, secs = 0;
  if (ASN1_TIME_diff(&days, &secs, nullptr, X509_get0_notAfter(cert.get())))
    info.days_left = days - (secs < 0 ? 1 : 0);
  info.self_signed = X509_check_issued(cert.get(), cert.get()) == X509_V_OK;
  if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) <= 0)
    info.problems.push_back("expired on " + info.not_after);
  if (X509_check_host(cert.get(), info.domain.c_str(), info.domain.size(), 0, nullptr) != 1)
    info.problems.push_back("does not name " + info.domain);
  file_ptr k{std::fopen(info.key_file.c_str(), "r")};
  std::unique_ptr<EVP_PKEY, pkey_free> key{
      k ? PEM_read_PrivateKey(k.get(), nullptr, nullptr, nullptr) : nullptr};
  if (!key)
    info.load_error = info.key_file.string() + ": cannot read the private key";
  else if (X509_check_private_key(cert.get(), key.get()) != 1)
    info.load_error = info.key_file.string() + ": the key does not match the certificate";
  if (!info.load_error.empty()) info.problems.push_back(info.load_error);
  ERR_clear_error();
}

}  // namespace

cert_info inspect_certificate(const config::server_config& server,
                              const config::vhost_config& vhost) {
  cert_info info;
  info.domain = vhost.domain;
  info.generated = vhost.tls_cert.empty();
  if (info.generated) {
    info.cert_file = server.data_dir / "certs" / (vhost.domain + ".crt");
    info.key_file = server.data_dir / "certs" / (vhost.domain + ".key");
    std::error_code ec;
    if (!std::filesystem::exists(info.cert_file, ec)) return info;
  } else {
    info.cert_file = vhost.tls_cert;
    info.key_file = vhost.tls_key;
  }
  read_certificate(info);
  return info;
}

}  // namespace djabberd::ctl
