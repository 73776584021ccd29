"""Use cases: one function per user action, each doing rule, write and outbox message in
one transaction. Handlers, the command line and jobs call them alike."""
