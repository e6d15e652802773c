"""Where journal records go from a workstation: the central folder and a syslog receiver.

The sync ships sealed segments into the central folder (a local path or an SMB share);
the syslog sink sends the same records to a SIEM. app.core.review reads them back.
"""
