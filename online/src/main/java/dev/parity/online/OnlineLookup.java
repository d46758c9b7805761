package dev.parity.online;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The answer to one lookup: one {@link ViewResult} per requested view, in request order. */
public record OnlineLookup(List<ViewResult> views) {
  public OnlineLookup {
    views = List.copyOf(requireNonNull(views, "views are null"));
  }

  public ViewResult view(int index) {
    return views.get(index);
  }
}
