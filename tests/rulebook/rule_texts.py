"""Rule YAML used by the rulebook and admin API tests."""

ZEBRA_RULE = """\
id: {rule_id}
title: Project Zebra code name
policy: "Information Security Policy, section 4 (By email)"
action: block
when:
  pattern: {{in: [subject, body], regex: '\\bPROJECT-ZEBRA\\b'}}
message: This email mentions the confidential project code name.
fix: Remove the code name before sending.
examples:
  - name: the code name in the body
    expect: block
    message:
      body: "Notes on PROJECT-ZEBRA attached."
      to: [office@oakfield.sch.uk]
  - name: an ordinary note
    expect: none
    message:
      body: "Notes on the zebra crossing attached."
      to: [office@oakfield.sch.uk]
"""

# The first example cannot fire: the pattern wants ZEBRA, the example says ZEBRO.
WRONG_EXAMPLE_RULE = ZEBRA_RULE.replace('body: "Notes on PROJECT-ZEBRA attached."',
                                        'body: "Notes on PROJECT-ZEBRO attached."')

UNKNOWN_ENTITY_RULE = """\
id: {rule_id}
title: Unknown entity
policy: "Information Security Policy, section 4"
action: warn
when:
  entities: {{in: [body], types: [UK_SHOE_SIZE]}}
message: This email has something in it.
fix: Take it out.
examples:
  - name: fires
    expect: warn
    message: {{body: "x"}}
  - name: does not fire
    expect: none
    message: {{body: "y"}}
"""


def zebra(rule_id: str) -> str:
    return ZEBRA_RULE.format(rule_id=rule_id)
