"""Glue around aiogram: middlewares, filters, i18n, command menus, buttons and keyboards, routes, sending."""
