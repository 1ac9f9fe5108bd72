"""The Zenoh bus: one vehicle's signals shared by several processes and machines.

A gateway publishes a SignalStore on Zenoh (``gateway``); displays read it back into their own
store through ``cockpit.sources.zenoh.ZenohSource``. ``codec`` holds the keys and the payload
format both sides agree on, ``config`` the Zenoh session settings.
"""
