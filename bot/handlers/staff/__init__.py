"""Organizers and superadmins: roles and /organizers, /broadcast, /stats and exports, /audit."""
