// Unauthenticated connection caps (see admission.hpp).
#include "actors/c2s/admission.hpp"

namespace djabberd::c2s {

admission::verdict admission::admit(const std::string& address) {
  if (count_ >= total_) return verdict::server_full;
  auto& n = by_address_[address];
  if (n >= per_address_) {
    if (n == 0) by_address_.erase(address);
    return verdict::address_full;
  }
  ++n;
  ++count_;
  return verdict::admitted;
}

void admission::release(const std::string& address) {
  auto it = by_address_.find(address);
  if (it == by_address_.end()) return;
  if (--it->second == 0) by_address_.erase(it);
  --count_;
}

std::size_t admission::count(const std::string& address) const {
  auto it = by_address_.find(address);
  return it == by_address_.end() ? 0 : it->second;
}

}  // namespace djabberd::c2s
