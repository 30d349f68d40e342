"""Admin panels of the site's core."""

from wagtail import hooks
from wagtail.admin.panels import PageChooserPanel


class HookedPageChooserPanel(PageChooserPanel):
    """A page chooser offering the page types that the apps building on this one name.

    Each function registered under `hook_name` returns page models; they are read when the
    admin builds the form, once every app is loaded, so that this app names none of them.
    """

    def __init__(self, field_name, hook_name, **kwargs):
        super().__init__(field_name, **kwargs)
        self.hook_name = hook_name

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.pop("page_type")
        return {**kwargs, "hook_name": self.hook_name}

    def get_form_options(self):
        self.page_type = [model for hook in hooks.get_hooks(self.hook_name) for model in hook()]
        return super().get_form_options()
