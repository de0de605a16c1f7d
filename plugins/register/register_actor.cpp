// register_actor: the policy checks; the registrations themselves are the account store's.
#include "plugins/register/register_actor.hpp"

#include <algorithm>
#include <string>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::register_ {

namespace {

// Characters, not bytes: a password is UTF-8.
std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

hooks::reply refuse(std::string condition, std::string text) {
  return hooks::handled(std::move(condition), std::move(text));
}

}  // namespace

caf::behavior register_actor(caf::stateful_actor<register_state>* self, register_policy policy) {
  self->state.registrations = rate_limit(policy.max_per_ip, policy.per_seconds);
  self->state.policy = std::move(policy);
  return {
      [self](atoms::account_policy, const std::string&, const std::string&,
             const std::string& password, const std::string& ip, bool new_account) -> hooks::reply {
        auto& st = self->state;
        if (new_account) {
          const auto& allowed = st.policy.allow_from;
          if (!allowed.empty() && std::none_of(allowed.begin(), allowed.end(),
                                               [&](const cidr& c) { return c.contains(ip); }))
            return refuse("forbidden", "registration is not allowed from this address");
          if (!st.registrations.allows(ip, rate_limit::clock::now()))
            return refuse("policy-violation",
                          "too many registrations from this address; try again later");
        }
        if (code_points(password) < st.policy.min_password_length)
          return refuse("not-acceptable", "the password must have at least " +
                                              std::to_string(st.policy.min_password_length) +
                                              " characters");
        return hooks::declined();
      },
      [self](atoms::account_created, const std::string&, const std::string&,
             const std::string& ip) -> hooks::reply {
        self->state.registrations.record(ip, rate_limit::clock::now());
        return hooks::declined();
      },
  };
}

}  // namespace djabberd::plugins::register_
