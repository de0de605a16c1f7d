"""Helpers for the XEP-0163 PEP tests: entity capabilities (XEP-0115) a raw client announces and
answers for, pubsub requests and waiting for pubsub#event notifications."""

import base64
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import NS_CLIENT, q, xml_escape  # noqa: E402
from im_helpers import is_presence, unique_name  # noqa: E402

NS_PUBSUB = "http://jabber.org/protocol/pubsub"
NS_OWNER = "http://jabber.org/protocol/pubsub#owner"
NS_EVENT = "http://jabber.org/protocol/pubsub#event"
NS_ERRORS = "http://jabber.org/protocol/pubsub#errors"
NS_CAPS = "http://jabber.org/protocol/caps"
NS_INFO = "http://jabber.org/protocol/disco#info"
NS_ITEMS = "http://jabber.org/protocol/disco#items"
NS_DATA = "jabber:x:data"
CAPS_NODE = "https://djabberd.invalid/test-client"

IQ = q(NS_CLIENT, "iq")
MESSAGE = q(NS_CLIENT, "message")


def caps_ver(name, features):
    """XEP-0115 §5.1 for one identity client/pc with `name` and `features`."""
    s = "client/pc//%s<" % name + "".join(f + "<" for f in sorted(set(features)))
    return base64.b64encode(hashlib.sha1(s.encode("utf-8")).digest()).decode("ascii")


def go_available_with_caps(im, features, status=None):
    """Sends available presence with <c/> for a fresh client identity (so the ver is new to the
    server), answers the server's disco#info query for it (XEP-0115 §6.3) and waits for the
    reflection of the presence. Returns the ver."""
    name = unique_name("client")
    features = list(features) + [NS_CAPS, NS_INFO]
    ver = caps_ver(name, features)
    extra = "<c xmlns='%s' hash='sha-1' node='%s' ver='%s'/>" % (NS_CAPS, CAPS_NODE, ver)
    status = status or name  # tells this presence's reflection from earlier ones
    im.send_presence(status=status, extra=extra)

    def is_caps_query(e):
        query = e.find(q(NS_INFO, "query"))
        return e.tag == IQ and e.get("type") == "get" and query is not None
    ask = im.c.wait_for(is_caps_query, what="the server's caps disco#info query")
    node = ask.find(q(NS_INFO, "query")).get("node")
    im.test.assertEqual(node, "%s#%s" % (CAPS_NODE, ver))
    body = "<identity category='client' type='pc' name='%s'/>" % xml_escape(name)
    body += "".join("<feature var='%s'/>" % xml_escape(f) for f in features)
    im.c.send("<iq type='result' id='%s' to='%s'><query xmlns='%s' node='%s'>%s</query></iq>"
              % (xml_escape(ask.get("id")), xml_escape(ask.get("from")), NS_INFO,
                 xml_escape(node), body))
    im.c.wait_for(lambda e: is_presence(im.jid, None, full=True)(e) and
                  e.findtext(q(NS_CLIENT, "status")) == status, what="reflection of own presence")
    im.available = True
    return ver


def form(form_type, fields):
    """A submitted data form."""
    body = "<field var='FORM_TYPE' type='hidden'><value>%s</value></field>" % form_type
    for var, value in fields.items():
        body += "<field var='%s'><value>%s</value></field>" % (var, xml_escape(str(value)))
    return "<x xmlns='%s' type='submit'>%s</x>" % (NS_DATA, body)


def publish(im, node, item_id, payload, options=None, to=None):
    opts = ""
    if options:
        opts = "<publish-options>%s</publish-options>" % form(
            NS_PUBSUB + "#publish-options", options)
    id_attr = " id='%s'" % xml_escape(item_id) if item_id else ""
    return im.c.iq("set", "<pubsub xmlns='%s'><publish node='%s'><item%s>%s</item></publish>%s"
                   "</pubsub>" % (NS_PUBSUB, xml_escape(node), id_attr, payload, opts), to=to)


def get_items(im, owner, node, max_items=None, ids=()):
    attr = " max_items='%d'" % max_items if max_items else ""
    inner = "".join("<item id='%s'/>" % xml_escape(i) for i in ids)
    return im.c.iq("get", "<pubsub xmlns='%s'><items node='%s'%s>%s</items></pubsub>"
                   % (NS_PUBSUB, xml_escape(node), attr, inner), to=owner)


def item_ids(reply):
    items = reply.find(q(NS_PUBSUB, "pubsub")).find(q(NS_PUBSUB, "items"))
    return [i.get("id") for i in items.findall(q(NS_PUBSUB, "item"))]


def pubsub_condition(reply):
    """The pubsub-specific error condition (XEP-0060 §7.1.3 ...) of an error reply, or None."""
    err = reply.find(q(NS_CLIENT, "error"))
    if err is None:
        return None
    for child in err:
        if child.tag.startswith("{%s}" % NS_ERRORS):
            return child.tag.split("}", 1)[1]
    return None


def is_event(node, kind="items", owner=None):
    """A pubsub#event message about `node` (kind: items, or delete)."""
    def pred(e):
        if e.tag != MESSAGE:
            return False
        if owner is not None and e.get("from") != owner:
            return False
        event = e.find(q(NS_EVENT, "event"))
        if event is None:
            return False
        child = event.find(q(NS_EVENT, kind))
        return child is not None and child.get("node") == node
    return pred


def event_item_ids(message):
    items = message.find(q(NS_EVENT, "event")).find(q(NS_EVENT, "items"))
    return [i.get("id") for i in items.findall(q(NS_EVENT, "item"))]


def caps_hash_of(query):
    """XEP-0115 §5.1 ver of a parsed disco#info <query/> (identities, features, forms)."""
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    identities = sorted((i.get("category", ""), i.get("type", ""), i.get(xml_lang, ""),
                         i.get("name", "")) for i in query.findall(q(NS_INFO, "identity")))
    s = "".join("%s/%s/%s/%s<" % i for i in identities)
    s += "".join(f + "<" for f in sorted(f.get("var") for f in query.findall(q(NS_INFO,
                                                                               "feature"))))
    forms = []
    for x in query.findall(q(NS_DATA, "x")):
        fields = {f.get("var"): sorted(v.text or "" for v in f.findall(q(NS_DATA, "value")))
                  for f in x.findall(q(NS_DATA, "field"))}
        form_type = fields.pop("FORM_TYPE", [""])[0]
        forms.append((form_type, sorted(fields.items())))
    for form_type, fields in sorted(forms):
        s += form_type + "<"
        for var, values in fields:
            s += var + "<" + "".join(v + "<" for v in values)
    return base64.b64encode(hashlib.sha1(s.encode("utf-8")).digest()).decode("ascii")
