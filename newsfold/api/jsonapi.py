"""(being written)"""

from ninja import NinjaAPI

api = NinjaAPI(title="newsfold", urls_namespace="jsonapi")
