"""The local incident journal: record bodies, the tamper-evidence chain, keys and sealing.

Also what keeps it moving while the tray runs (heartbeats, the keeper that runs the
central sync and the syslog sink: see app.core.central) and its verification.
"""
