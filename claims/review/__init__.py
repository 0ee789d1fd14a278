"""Reviewing claims: the workflow (services), its roles (permissions), its pages and reads."""
