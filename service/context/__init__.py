"""Facts about the conversation rather than the text.

recipients   who is internal, external, or external over a secure channel
participants the sender's and recipients' own names, greetings and signatures
lookalike    recipient domains that imitate the organisation's own
document_kind teaching and planning material (lesson plans, reading lists, notices) vs records about people
"""
