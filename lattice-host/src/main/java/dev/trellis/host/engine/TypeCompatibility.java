package dev.trellis.host.engine;

import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.wrpc.wit.WitType;
import java.util.List;
import java.util.Optional;

/**
 * Structural compatibility of signatures across a link. Like {@code WitTypes.sameShape} but
 * resources match by kind only (own with own, borrow with borrow): each side names a linked
 * resource with its own type object, and handles cross by rep.
 */
final class TypeCompatibility {
  private TypeCompatibility() {}

  static boolean compatible(FuncSig want, FuncSig have) {
    if (want.params().size() != have.params().size()) {
      return false;
    }
    for (int i = 0; i < want.params().size(); i++) {
      if (!same(want.params().get(i).type(), have.params().get(i).type())) {
        return false;
      }
    }
    return sameOpt(want.result(), have.result());
  }

  static boolean same(WitType a, WitType b) {
    return switch (a) {
      case WitType.Primitive p -> p == b;
      case WitType.ListType l -> b instanceof WitType.ListType o && same(l.element(), o.element());
      case WitType.FixedListType l ->
          b instanceof WitType.FixedListType o
              && l.length() == o.length()
              && same(l.element(), o.element());
      case WitType.RecordType r -> b instanceof WitType.RecordType o && fields(r, o);
      case WitType.TupleType t ->
          b instanceof WitType.TupleType o && all(t.elements(), o.elements());
      case WitType.VariantType v -> b instanceof WitType.VariantType o && cases(v, o);
      case WitType.EnumType e -> b instanceof WitType.EnumType o && e.cases().equals(o.cases());
      case WitType.OptionType opt ->
          b instanceof WitType.OptionType o && same(opt.some(), o.some());
      case WitType.ResultType r ->
          b instanceof WitType.ResultType o && sameOpt(r.ok(), o.ok()) && sameOpt(r.err(), o.err());
      case WitType.FlagsType f -> b instanceof WitType.FlagsType o && f.flags().equals(o.flags());
      case WitType.OwnType own -> b instanceof WitType.OwnType;
      case WitType.BorrowType bor -> b instanceof WitType.BorrowType;
      case WitType.FutureType f ->
          b instanceof WitType.FutureType o && sameOpt(f.payload(), o.payload());
      case WitType.StreamType s ->
          b instanceof WitType.StreamType o && sameOpt(s.element(), o.element());
    };
  }

  private static boolean fields(WitType.RecordType a, WitType.RecordType b) {
    if (a.fields().size() != b.fields().size()) {
      return false;
    }
    for (int i = 0; i < a.fields().size(); i++) {
      if (!a.fields().get(i).name().equals(b.fields().get(i).name())
          || !same(a.fields().get(i).type(), b.fields().get(i).type())) {
        return false;
      }
    }
    return true;
  }

  private static boolean cases(WitType.VariantType a, WitType.VariantType b) {
    if (a.cases().size() != b.cases().size()) {
      return false;
    }
    for (int i = 0; i < a.cases().size(); i++) {
      if (!a.cases().get(i).name().equals(b.cases().get(i).name())
          || !sameOpt(a.cases().get(i).payload(), b.cases().get(i).payload())) {
        return false;
      }
    }
    return true;
  }

  private static boolean all(List<WitType> a, List<WitType> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!same(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameOpt(Optional<WitType> a, Optional<WitType> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || same(a.get(), b.get()));
  }
}
