"""Loaded by Python at start-up when this folder is on PYTHONPATH: every
attempt to reach the network fails, as it would on a machine without one."""

import socket


def _refuse(*args, **kwargs):
    raise OSError("network access during an offline build")


socket.getaddrinfo = _refuse
socket.create_connection = _refuse
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
