"""The guided session: the state machine, the flow that plays it, and the screens it plays on."""
