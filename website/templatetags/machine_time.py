"""The `machine_time` filter: a time as ISO 8601 to the second (see pressroom.machine_time)."""

from django import template

from pressroom import machine_time as times

register = template.Library()
register.filter("machine_time", times.machine_time)
