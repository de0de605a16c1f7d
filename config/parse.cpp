// parse() and load(): turn TOML text or a file into a validated server_config.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "config/detail/readers.hpp"

namespace djabberd::config {

namespace {

server_config parse_document(std::string_view text, const std::string& source_name,
                             const std::filesystem::path& base_dir) {
  std::shared_ptr<toml::table> document;
  try {
    document = std::make_shared<toml::table>(toml::parse(text, source_name));
  } catch (const toml::parse_error& e) {
    throw config_error(source_name, static_cast<std::uint32_t>(e.source().begin.line), "",
                       std::string(e.description()));
  }
  detail::table_reader root(source_name, *document, "");
  root.allow_only({"data_dir", "pid_file", "worker_threads", "log", "c2s", "hooks", "vhosts",
                   "metrics", "admin", "s2s", "limits", "cluster"});
  server_config config;
  config.source_file = source_name;
  if (auto dir = root.get_string("data_dir")) {
    if (dir->empty()) root.fail("data_dir", "must not be empty");
    config.data_dir = *dir;
  }
  if (auto pid = root.get_string("pid_file")) {
    if (pid->empty()) root.fail("pid_file", "must not be empty");
    config.pid_file = *pid;
  }
  config.worker_threads = static_cast<int>(root.get_int("worker_threads", 0, 1024).value_or(0));
  config.log = detail::read_log(root);
  config.c2s = detail::read_c2s(root);
  config.hooks = detail::read_hooks(root);
  config.vhosts = detail::read_vhosts(root, document, base_dir);
  config.metrics = detail::read_metrics(root);
  config.admin = detail::read_admin(root);
  config.s2s = detail::read_s2s(root);
  config.limits = detail::read_limits(root);
  config.cluster = detail::read_cluster(root, base_dir);
  return config;
}

}  // namespace

server_config parse(std::string_view toml_text, std::string source_name) {
  std::filesystem::path base_dir = std::filesystem::path(source_name).parent_path();
  return parse_document(toml_text, source_name, base_dir);
}

std::filesystem::path data_dir_of(const std::filesystem::path& file) {
  std::filesystem::path dir = "data";
  try {
    auto document = toml::parse_file(file.string());
    if (auto value = document["data_dir"].value<std::string>(); value && !value->empty())
      dir = *value;
  } catch (const toml::parse_error& e) {
    throw config_error(file.string(), static_cast<std::uint32_t>(e.source().begin.line), "",
                       std::string(e.description()));
  }
  return std::filesystem::absolute(dir);
}

server_config load(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    throw config_error(file.string(), 0, "", "cannot read file: is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw config_error(file.string(), 0, "",
                       "cannot read file: " + std::string(std::strerror(errno)));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw config_error(file.string(), 0, "", "cannot read file: read error");
  server_config config =
      parse_document(text, file.string(), std::filesystem::absolute(file).parent_path());
  config.source_file = file;
  config.data_dir = std::filesystem::absolute(config.data_dir);
  if (config.pid_file.empty())
    config.pid_file = config.data_dir / "djabberd.pid";
  else
    config.pid_file = std::filesystem::absolute(config.pid_file);
  return config;
}

}  // namespace djabberd::config
